//! A plotters backend for tests that records what is drawn instead of painting pixels.

use plotters::prelude::*;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use std::{cell::RefCell, rc::Rc};

/// What a [`Recorder`] saw.
#[derive(Default)]
pub struct Log {
    /// Lines drawn, as their points.
    pub paths: Vec<Vec<BackendCoord>>,
    /// Filled polygons, as their vertices.
    pub polygons: Vec<Vec<BackendCoord>>,
    /// Circles: centre, radius, filled.
    pub circles: Vec<(BackendCoord, u32, bool)>,
    /// Texts.
    pub texts: Vec<String>,
    /// Whether `present` was called.
    pub presented: bool,
}

/// A backend that records what is drawn instead of painting pixels.
#[derive(Default)]
pub struct Recorder(pub Rc<RefCell<Log>>);

impl DrawingBackend for Recorder {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        (640, 400)
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.borrow_mut().presented = true;
        Ok(())
    }
    fn draw_pixel(
        &mut self,
        _: BackendCoord,
        _: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.borrow_mut().paths.push(path.into_iter().collect());
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        _: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0
            .borrow_mut()
            .polygons
            .push(vert.into_iter().collect());
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        _: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.borrow_mut().circles.push((center, radius, fill));
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        _: &T,
        _: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.borrow_mut().texts.push(text.to_string());
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        _: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok((7 * text.chars().count() as u32, 12))
    }
}
